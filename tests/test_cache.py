"""sakip.organisasi.cache: `count_one` counts exactly under parallel processes and threads on the
file cache sakip configures and on Redis; Django's own FileBasedCache does not."""

import multiprocessing
import threading
import time

import pytest
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

from sakip.organisasi.cache import AtomicFileBasedCache, count_one, uncount_one
from tests.redis_util import redis_url_or_skip

CLIENTS = 8
EACH = 25  # 8 × 25 = 200 counts


def _make(kind: str, location: str):
    if kind == "redis":
        return RedisCache(location, {})
    return {"plain": FileBasedCache, "atomic": AtomicFileBasedCache}[kind](location, {})


def _count_in_process(kind, location, key, barrier, results):
    cache = _make(kind, location)
    barrier.wait()
    results.put([count_one(key, 600, cache=cache) for _i in range(EACH)])


def counts_from_processes(kind: str, location: str, key: str = "k") -> list[int]:
    """What count_one returned to each of 8 OS processes counting 25 times at once."""
    ctx = multiprocessing.get_context("fork")
    barrier, results = ctx.Barrier(CLIENTS), ctx.Queue()
    processes = [
        ctx.Process(target=_count_in_process, args=(kind, location, key, barrier, results))
        for _i in range(CLIENTS)
    ]
    for process in processes:
        process.start()
    counts = [n for _p in processes for n in results.get(timeout=60)]
    for process in processes:
        process.join(timeout=60)
    return sorted(counts)


def test_the_file_cache_counts_exactly_across_processes(tmp_path):
    # each count handed out once: 1 … 200, so exactly 10 requests fit a limit of 10
    assert counts_from_processes("atomic", str(tmp_path)) == list(range(1, 201))
    assert AtomicFileBasedCache(str(tmp_path), {}).get("k") == 200


def test_django_file_cache_loses_counts_under_the_same_load(tmp_path):
    """Why sakip does not use it: add and incr read then write, so processes overwrite each
    other's counts and many are told they are within a limit of 10."""
    counts = counts_from_processes("plain", str(tmp_path))
    assert FileBasedCache(str(tmp_path), {}).get("k") < 200
    assert sum(1 for n in counts if n <= 10) > 10


def test_the_file_cache_counts_exactly_across_threads(tmp_path):
    cache = AtomicFileBasedCache(str(tmp_path), {})
    barrier, counts, lock = threading.Barrier(CLIENTS), [], threading.Lock()

    def client():
        barrier.wait()
        mine = [count_one("k", 600, cache=cache) for _i in range(EACH)]
        with lock:
            counts.extend(mine)

    threads = [threading.Thread(target=client) for _i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(counts) == list(range(1, 201))


def test_redis_counts_exactly_across_processes():
    url = redis_url_or_skip()
    key = f"sakip-test-count-{time.time_ns()}"
    try:
        assert counts_from_processes("redis", url, key) == list(range(1, 201))
    finally:
        RedisCache(url, {}).delete(key)


def test_a_window_opens_at_the_first_count_and_later_counts_do_not_extend_it(tmp_path):
    # Django's FileBasedCache.incr writes the value with the default timeout (300 s) instead
    cache = AtomicFileBasedCache(str(tmp_path), {})
    assert count_one("k", 1, cache=cache) == 1
    time.sleep(0.6)
    assert count_one("k", 1, cache=cache) == 2
    time.sleep(0.6)  # 1.2 s after the first count
    assert cache.get("k") is None
    assert count_one("k", 1, cache=cache) == 1  # a new window


@pytest.mark.parametrize("kind", ["atomic", "locmem"])
def test_a_count_given_back_is_counted_again(kind, tmp_path):
    cache = AtomicFileBasedCache(str(tmp_path), {}) if kind == "atomic" else LocMemCache("t", {})
    assert [count_one("k", 600, cache=cache) for _i in range(3)] == [1, 2, 3]
    uncount_one("k", cache=cache)
    assert count_one("k", 600, cache=cache) == 3
    uncount_one("gone", cache=cache)  # a window that ended: nothing to give back, no error
    assert cache.get("gone") is None


def test_the_file_cache_still_reads_and_writes_as_django_s(tmp_path):
    cache = AtomicFileBasedCache(str(tmp_path), {})
    assert cache.add("k", 40, timeout=600)
    assert not cache.add("k", 1, timeout=600)
    assert cache.incr("k", 2) == 42
    assert cache.decr("k") == 41
    assert FileBasedCache(str(tmp_path), {}).get("k") == 41  # same files, same format
    with pytest.raises(ValueError):
        cache.incr("missing")
    assert cache.touch("k", 1) and not cache.touch("missing", 1)
    time.sleep(1.1)
    assert cache.get("k") is None  # touched to a 1 s timeout
    assert cache.add("k", 41, timeout=600)
    cache.clear()
    assert cache.get("k") is None
