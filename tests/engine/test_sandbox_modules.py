"""The modules scripts see as SpiffArena gives them (engine/sandbox/modules.py)."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from engine.sandbox import SandboxedEnvironment, ScriptRefused


@pytest.fixture
def env():
    return SandboxedEnvironment(time_limit=0.5)


def run(env, script: str, **data) -> dict:
    env.execute(script, data)
    return data


def test_datetime_is_the_class_and_reads_like_the_module(env):
    seen = run(
        env,
        "a = datetime.now()\n"
        "b = datetime.datetime.now()\n"
        "c = datetime(2026, 1, 31, 9, 30)\n"
        "d = datetime.date(2026, 1, 31) + datetime.timedelta(days=1)\n"
        "e = datetime.strptime('2026-02-03', '%Y-%m-%d')\n"
        "f = datetime.fromisoformat('2026-02-03T10:00:00')\n"
        "g = isinstance(c, datetime) and isinstance(c, datetime.datetime)\n"
        "h = isinstance(d, datetime)\n"
        "i = c.strftime('%d/%m/%Y')\n"
        "j = date.today() == datetime.now().date()\n"
        "k = datetime.combine(date(2026, 1, 1), datetime.time(8, 0))\n",
    )
    assert type(seen["a"]) is datetime and type(seen["b"]) is datetime
    assert abs(seen["a"] - datetime.now()) < timedelta(seconds=5)
    assert seen["c"] == datetime(2026, 1, 31, 9, 30) and type(seen["c"]) is datetime
    assert seen["d"] == date(2026, 2, 1)
    assert seen["e"] == datetime(2026, 2, 3) and type(seen["e"]) is datetime
    assert seen["f"] == datetime(2026, 2, 3, 10, 0)
    assert seen["g"] is True and seen["h"] is False
    assert seen["i"] == "31/01/2026"
    assert seen["j"] is True
    assert seen["k"] == datetime(2026, 1, 1, 8, 0)


def test_time_and_decimal_are_their_safe_parts(env):
    seen = run(
        env,
        "now = time.time()\n"
        "year = time.strftime('%Y', time.gmtime(0))\n"
        "parsed = time.strptime('2026', '%Y').tm_year\n"
        "cents = decimal.Decimal('2.675').quantize(decimal.Decimal('0.01'), "
        "rounding=decimal.ROUND_HALF_UP)\n",
    )
    assert seen["now"] > 0 and seen["year"] == "1970" and seen["parsed"] == 2026
    assert seen["cents"] == Decimal("2.68")
    for script in ("time.sleep(1)", "decimal.getcontext().prec = 1000000"):
        with pytest.raises(AttributeError):
            env.execute(script, {})


def test_dict_data_reads_and_writes_by_attribute(env):
    seen = run(
        env,
        "total = order.total + order.lines[0].quantity\n"
        "order.status = 'paid'\n"
        "order.lines[0].done = True\n"
        "names = list(order.keys())\n",
        order={"total": 10, "lines": [{"quantity": 2}]},
    )
    assert seen["total"] == 12
    lines = [{"quantity": 2, "done": True}]
    assert seen["order"] == {"total": 10, "lines": lines, "status": "paid"}
    assert seen["names"] == ["total", "lines", "status"]  # a dict's own methods come first
    with pytest.raises(AttributeError):
        env.execute("x = order.missing", {"order": {}})
    with pytest.raises(ScriptRefused):
        env.execute("x = order._secret", {"order": {"_secret": 1}})


def test_only_what_the_c_code_of_time_and_datetime_imports_can_be_imported(env):
    from engine.sandbox.modules import c_import

    assert c_import("time").__name__ == "time"
    with pytest.raises(ImportError):
        c_import("os")
    with pytest.raises(ScriptRefused):
        env.execute("m = __import__('os')", {})
