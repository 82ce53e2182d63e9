"""The benchmark's clock for actor resolution: time inside the calls, nested calls counted once."""

import time

from fogmap.bench import _ActorClock


def test_the_actor_clock_counts_nested_calls_once_and_survives_errors():
    clock = _ActorClock()

    @clock.wrap
    def inner():
        time.sleep(0.02)

    @clock.wrap
    def outer():
        inner()
        inner()

    outer()
    assert 0.04 <= clock.seconds < 0.2  # the inner calls' time is inside outer's, not added again

    @clock.wrap
    def fails():
        raise ValueError("boom")

    try:
        fails()
    except ValueError:
        pass
    before = clock.seconds
    inner()  # the depth was restored by the failure: this call is timed as an outermost one
    assert clock.seconds - before >= 0.02
