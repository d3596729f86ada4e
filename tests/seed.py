"""The seed fixture (tests/fixtures/seed/): a copy of the seed article and its 45 actors that tests build from.

Tests never read the live `content/`: a contributor's new articles and actors must change no test result.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_CONTENT = ROOT / "tests" / "fixtures" / "seed"
SEED_SOURCE = SEED_CONTENT / "sources" / "000_7f35908e9981b166.txt"
SEED_ID = "2015-08-08-expanding-u-s-role-in-iraq-strains-awkward-alliance-with-iran"
