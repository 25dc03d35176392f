"""Use cases: each joins storage, configuration and domain rules for one handler."""
