"""Operating-system errors in Dutch, for the messages a user reads (the system's own text is English)."""

from __future__ import annotations

import errno

_DUTCH = {
    errno.ENOENT: "die map of dat bestand bestaat niet",
    errno.EEXIST: "er staat al een bestand met die naam in de weg",
    errno.ENOTDIR: "een deel van het pad is een bestand, geen map",
    errno.EISDIR: "dat is een map, geen bestand",
    errno.EACCES: "u hebt geen toelating om daar te lezen of te schrijven",
    errno.EPERM: "u hebt geen toelating om daar te lezen of te schrijven",
    errno.ENOSPC: "de schijf is vol",
    errno.EROFS: "die schijf is alleen-lezen",
    errno.ENAMETOOLONG: "de naam is te lang",
    errno.EBUSY: "het bestand is in gebruik door een ander programma",
}


def os_error_text(error: OSError) -> str:
    """What went wrong, in Dutch when the cause is a common one, else the system's text."""
    return _DUTCH.get(error.errno or -1) or error.strerror or str(error)
