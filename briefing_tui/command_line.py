"""Options every `briefing` sub-command shares, in one place for the commands' modules."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_config_dir_option(parser: argparse.ArgumentParser) -> None:
    """--config-dir: where config, notes and corrections are read from."""
    parser.add_argument(
        "--config-dir",
        type=Path,
        metavar="DIR",
        help="use DIR for config and notes (default: the platform config dir, "
        "or $BRIEFING_CONFIG_DIR)",
    )
