"""`python -m server` runs the storygraph command line."""
import sys

from server.cli import main

sys.exit(main())
