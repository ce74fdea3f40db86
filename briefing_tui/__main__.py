"""`python -m briefing_tui` runs the same command line as `briefing`."""

from briefing_tui.cli import main

raise SystemExit(main())
