"""Settings every command shares with the group (kept apart so that listing the commands,
which needs them, imports nothing else of ours)."""

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
