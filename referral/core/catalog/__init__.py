"""Message catalogues: one module per code prefix, plus base for the rest (see referral.core.i18n)."""
