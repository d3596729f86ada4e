import os
import sys

from build_tools.cli import main

try:
    sys.exit(main())
except BrokenPipeError:
    # The reader (`| head`) went away: not an error of ours, and nothing left to say.
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(1)
