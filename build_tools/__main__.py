import sys

from build_tools.cli import main
from build_tools.processes import run_command

# `serve` runs for hours; every other command runs once and ends (see `run_command`).
sys.exit(run_command(main, one_shot=sys.argv[1:2] != ["serve"]))
