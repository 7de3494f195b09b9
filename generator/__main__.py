"""``python -m generator`` runs the ``implkit`` command."""

from generator.cli import main

if __name__ == "__main__":
    main()
