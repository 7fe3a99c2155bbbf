"""How much memory this process may still use, counting container limits."""

from pathlib import Path


def available_memory_bytes() -> int:
    """Bytes of memory free for this process: the smaller of the host's and the cgroup's."""
    free = _meminfo_available()
    limit = _cgroup_headroom()
    candidates = [v for v in (free, limit) if v is not None]
    return min(candidates) if candidates else 2**62


def _meminfo_available() -> int | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def _cgroup_headroom() -> int | None:
    base = Path("/sys/fs/cgroup")
    try:
        limit = (base / "memory.max").read_text().strip()
        if limit == "max":
            return None
        used = int((base / "memory.current").read_text().strip())
        return max(int(limit) - used, 0)
    except (OSError, ValueError):
        return None
