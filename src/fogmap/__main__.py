"""`python -m fogmap` runs the command line."""

from .cli import main

main()
