"""Settings every command shares with the group, and the table of commands (kept apart so
that listing the commands, which needs them, imports nothing else of ours)."""

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

#: Every command: its module, the function there, and its help's first paragraph (what
#: ``shownotes --help`` lists). A command's module is imported only when the command runs
#: or its own help is asked for, so ``shownotes --help`` imports none of them;
#: ``tests/test_startup.py`` checks this table against the commands themselves.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "chapters": (
        "shownotes.cli.chapters",
        "chapters",
        "Detect an episode's chapters from its transcript and print or write them.",
    ),
    "check": (
        "shownotes.cli.show",
        "check",
        "Pre-publish hook: validate an episode (or --all) without writing anything.",
    ),
    "episodes": (
        "shownotes.cli.transcripts",
        "episodes",
        "List the show's episodes, newest first, validating the config and every episode.yaml.",
    ),
    "eval": (
        "shownotes.cli.chapters",
        "eval_command",
        "Score chapter detection against episodes whose true chapters are known.",
    ),
    "feed": (
        "shownotes.cli.outputs",
        "feed",
        "Regenerate the show's RSS feed, or update a feed another tool made.",
    ),
    "init": (
        "shownotes.cli.show",
        "init",
        "Create a starter show: config.yaml and one episode (transcript, silent audio).",
    ),
    "learn": (
        "shownotes.cli.learn",
        "learn",
        "Learn a show's chapter style from episodes it already chaptered, as a rules file.",
    ),
    "retime": (
        "shownotes.cli.retime",
        "retime",
        "Move an episode's chapters and transcript onto its edited audio, then publish it.",
    ),
    "review": (
        "shownotes.cli.review",
        "review",
        "Check and fix an episode's chapters in a local web page, with its audio and transcript.",
    ),
    "plugins": (
        "shownotes.cli.show",
        "plugins_command",
        "List the plugins shownotes loads (installed ones and the config's) and their hooks.",
    ),
    "publish": (
        "shownotes.cli.show",
        "publish",
        "The whole job: chapters, show notes, chapter files, tagged MP3 and the feed.",
    ),
    "render": (
        "shownotes.cli.outputs",
        "render",
        "Write an episode's show notes and chapter files from the templates.",
    ),
    "tag": (
        "shownotes.cli.tag",
        "tag",
        "Write chapters into an MP3 as ID3 CHAP and CTOC frames, keeping every other tag.",
    ),
    "transcript": (
        "shownotes.cli.transcripts",
        "transcript",
        "Print a transcript as shownotes reads it, one segment per line.",
    ),
}


#: Exit status of a run that hit a bug (an exception shownotes did not expect): EX_SOFTWARE.
INTERNAL_ERROR_EXIT = 70
