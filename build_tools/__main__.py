import os
import sys

from build_tools.cli import main

try:
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
except BrokenPipeError:
    # The reader (`| head`) went away: not an error of ours, and nothing left to say.
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(1)
# Everything is said and written: skip freeing a big archive's millions of objects one by one (seconds at
# 10,000 articles); the system takes the memory back at once. Child processes have all been waited for.
os._exit(code)
