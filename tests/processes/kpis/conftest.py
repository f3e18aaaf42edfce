from tests.processes.business import media  # noqa: F401 - documents go to a temporary MEDIA_ROOT
