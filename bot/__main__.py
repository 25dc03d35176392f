"""`python -m bot` is the `tingbot` command."""

from bot.cli import main

raise SystemExit(main())
