"""``python -m kaghaz`` runs the command line."""

from kaghaz.cli import main

if __name__ == "__main__":
    main()
