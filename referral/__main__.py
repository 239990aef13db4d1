"""`python -m referral` runs the CLI."""

from referral.cli import main

main()
