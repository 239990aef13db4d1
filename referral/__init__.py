"""referral: decision support for Utrecht's informal-care network (NIZU, Utrecht Omarmt)."""

__version__ = "0.1.0"
