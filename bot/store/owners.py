"""Who holds a lease or a claim: "host:pid:random", and whether that holder is known dead.

A lease that outlives its holder blocks the others until it expires. When the holder ran
on this same host and its pid no longer exists (SIGKILL, OOM), nobody needs to wait: the
lease or claim can be taken at once. On another host only the expiry tells.
"""

from __future__ import annotations

import os
import socket
import uuid

HOST = socket.gethostname()[:80]


def new_owner_id() -> str:
    """A fresh holder id for this process (unique even when a pid is reused)."""
    return f"{HOST}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def is_dead_here(owner: str | None) -> bool:
    """True only when `owner` ran on this host and its process is gone."""
    if not owner:
        return False
    parts = owner.rsplit(":", 2)
    if len(parts) != 3 or parts[0] != HOST or not parts[1].isdigit():
        return False
    pid = int(parts[1])
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return _is_zombie(pid)


def _is_zombie(pid: int) -> bool:
    """A killed child not yet reaped by its parent still answers kill(0)."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return False
