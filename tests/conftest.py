import os
import tempfile

# Settings read SAKIP_DATA_DIR at import: keep test runs out of the working tree.
os.environ.setdefault("SAKIP_DATA_DIR", tempfile.mkdtemp(prefix="sakip-test-"))
