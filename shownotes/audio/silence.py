"""Silent MP3 audio of any length, made without an encoder.

Used for the bundled example episode, for test audio and for starter episodes: every frame is
an MPEG-2 Layer III frame (16 kHz, mono, 8 kbit/s, 36 bytes, 36 ms) whose side information
is all zero, which decoders play as silence. The stream is constant-bitrate, so players and
mutagen derive its exact duration from its size.
"""

from __future__ import annotations

import math

#: sync, MPEG-2, Layer III, no CRC | 8 kbit/s, 16 kHz, no padding | mono
FRAME_HEADER = bytes((0xFF, 0xF3, 0x18, 0xC0))
FRAME_BYTES = 36
FRAME_SECONDS = 576 / 16_000
_FRAME = FRAME_HEADER + bytes(FRAME_BYTES - len(FRAME_HEADER))


def silent_mp3(seconds: float) -> bytes:
    """MP3 audio at least ``seconds`` long (rounded up to whole 36 ms frames).

    >>> len(silent_mp3(1.0)) // FRAME_BYTES
    28
    """
    if seconds < 0 or not math.isfinite(seconds):
        raise ValueError(f"duration must be a non-negative number of seconds, not {seconds!r}")
    return _FRAME * math.ceil(round(seconds / FRAME_SECONDS, 6))
