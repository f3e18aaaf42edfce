"""The sandbox's reading of the process's resident size (engine/sandbox/memory.py): the
kept-open /proc/self/statm answers what opening it each time answers, also after a fork."""

import os
import sys

import pytest

from engine.sandbox import memory

pytestmark = pytest.mark.skipif(
    not os.path.exists("/proc/self/statm"), reason="the resident size is read from /proc"
)
SLACK = 8 * 1024 * 1024  # what the process may allocate between the two readings


def test_the_kept_file_reads_what_the_plain_way_reads():
    assert abs(memory.resident_bytes() - memory.resident_bytes_plain()) <= SLACK
    grown = bytearray(64 * 1024 * 1024)  # 64 MB, touched
    assert abs(memory.resident_bytes() - memory.resident_bytes_plain()) <= SLACK
    assert memory.resident_bytes() > 60 * 1024 * 1024
    del grown


@pytest.mark.skipif(sys.platform != "linux", reason="fork and /proc")
def test_a_forked_child_reads_its_own_size():
    memory.resident_bytes()  # the parent's file is open before the fork
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: grow, then compare both ways
        os.close(read)
        grown = bytearray(96 * 1024 * 1024)
        kept, plain = memory.resident_bytes(), memory.resident_bytes_plain()
        os.write(write, f"{kept} {plain} {len(grown)}".encode())
        os._exit(0)
    os.close(write)
    kept, plain, _ = (int(part) for part in os.read(read, 200).split())
    os.waitpid(pid, 0)
    assert abs(kept - plain) <= SLACK  # the parent's file would miss the child's 96 MB
    assert memory._statm[0] == os.getpid()  # the parent's own file, untouched
