import pytest

from engine.runtime.specs import clear_cache


@pytest.fixture(autouse=True)
def _fresh_spec_cache():
    # Definition ids are reused between tests (rolled-back transactions); so must the cache be.
    clear_cache()
    yield
    clear_cache()
