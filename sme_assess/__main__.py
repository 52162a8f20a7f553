"""`python -m sme_assess` runs the command-line interface."""

from .cli import main

main()
