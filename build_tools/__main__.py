import gc
import os
import sys

from build_tools.cli import main

# `build` and `check` are one short process each, ended below without tearing the heap down: the cycle
# collector, once a phase turned it back on, would only walk their millions of objects (no garbage
# cycles among them) once more on the way out. `serve` runs for hours and keeps it.
if sys.argv[1:2] != ["serve"]:
    gc.disable()
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
