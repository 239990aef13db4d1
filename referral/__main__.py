"""`python -m referral` runs the program as the console script does."""

from referral.entry import main

main()
