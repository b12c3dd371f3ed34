"""Counting in Django's cache, exactly, whatever the cache: the per-address limits of sakip (the
SKM public form, the login throttle) count with `count_one` and `uncount_one`.

`count_one` is one atomic step, "count one and tell me the new count": a limit accepts a request
only when the count it got back is within the limit, so parallel requests cannot all pass a check
before any of them counts. It relies on the cache's `add` and `incr` being atomic:

- Redis (SAKIP_REDIS_URL): SET NX and INCR are atomic in the server;
- LocMemCache (tests): one lock in the process, and one process;
- files (the default): Django's FileBasedCache reads then writes in both, so two processes or
  threads may both "add" a key or both write the same incremented value. `AtomicFileBasedCache`
  (what `sakip.settings.cache_from_env` configures) runs them under an exclusive lock on one lock
  file of the cache folder (flock, through django.core.files.locks), and its `incr` keeps the
  key's expiry, as Redis does (Django's resets it to the default timeout)."""

from __future__ import annotations

import contextlib
import os
import pickle
import tempfile
import time
import zlib

from django.core.cache import cache as default_cache
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.files import locks
from django.core.files.move import file_move_safe

LOCK_FILE = ".sakip-lock"  # not a *.djcache file: never culled nor cleared


class AtomicFileBasedCache(FileBasedCache):
    """FileBasedCache whose `add`, `incr` (hence `decr`) and `touch` are atomic across the
    processes and threads of the machine. One lock for the whole folder: these are small, rare
    writes (a submission, a failed login); `get`, `set` and `delete` take no lock (`set` and
    `incr` replace an entry's file whole, so a reader never sees half of one)."""

    @contextlib.contextmanager
    def _exclusive(self):
        self._createdir()
        # a descriptor of its own per call: flock then also excludes other threads
        with open(os.path.join(self._dir, LOCK_FILE), "ab") as lock_file:
            locks.lock(lock_file, locks.LOCK_EX)
            try:
                yield
            finally:
                locks.unlock(lock_file)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        with self._exclusive():
            return super().add(key, value, timeout, version)

    def incr(self, key, delta=1, version=None):
        fname = self._key_to_file(key, version)
        with self._exclusive():
            expiry, value = self._read(fname)
            if expiry is _MISSING:
                raise ValueError(f"Key '{key}' not found")
            new_value = value + delta
            self._write(fname, expiry, new_value)
        return new_value

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        # Django's rewrites the file in place, where a concurrent incr could read it half written
        fname = self._key_to_file(key, version)
        with self._exclusive():
            expiry, value = self._read(fname)
            if expiry is _MISSING:
                return False
            self._write(fname, self.get_backend_timeout(timeout), value)
        return True

    def _read(self, fname):
        """(expiry, value) of a live entry, or (_MISSING, None). The file format is
        FileBasedCache's: the pickled expiry, then the zlib-compressed pickled value."""
        try:
            with open(fname, "rb") as f:
                try:
                    expiry = pickle.load(f)
                except EOFError:  # an empty file is an expired entry
                    return _MISSING, None
                if expiry is not None and expiry < time.time():
                    return _MISSING, None
                return expiry, pickle.loads(zlib.decompress(f.read()))
        except FileNotFoundError:
            return _MISSING, None

    def _write(self, fname, expiry, value):
        """Replace the entry whole (write a temporary file, rename it) with this exact expiry."""
        fd, tmp_path = tempfile.mkstemp(dir=self._dir)
        renamed = False
        try:
            with open(fd, "wb") as f:
                f.write(pickle.dumps(expiry, self.pickle_protocol))
                f.write(zlib.compress(pickle.dumps(value, self.pickle_protocol)))
            file_move_safe(tmp_path, fname, allow_overwrite=True)
            renamed = True
        finally:
            if not renamed:
                os.remove(tmp_path)


_MISSING = object()


def count_one(key: str, timeout: int, cache=None) -> int:
    """Count one under `key` and return the new count, in one atomic step. The first count opens
    a window of `timeout` seconds; later counts do not extend it, and the key then expires."""
    cache = default_cache if cache is None else cache
    for _attempt in range(3):
        if cache.add(key, 1, timeout=timeout):
            return 1
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr: open a new window
            continue
        if count == 1:
            # the key held 0 (every count given back), or it expired between the EXISTS and the
            # INCR of Django's RedisCache, which then made it anew without expiry: either way
            # this is a first count, and it opens a window
            cache.touch(key, timeout)
        return count
    raise RuntimeError(f"cache key {key!r} expires as fast as it is made")


def uncount_one(key: str, cache=None) -> None:
    """Give back one count taken with `count_one` (the request turned out not to count). A window
    that has ended meanwhile is left alone."""
    cache = default_cache if cache is None else cache
    try:
        count = cache.decr(key)
    except ValueError:
        return
    if count < 0:  # made anew without expiry by Redis's DECR (see count_one)
        cache.delete(key)
