"""Entry point for ``python -m kimdesk`` and the frozen build."""

import sys

from kimdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
