"""What every test relay does so that a crashed test run cannot leave it behind."""
import os
import threading
import time


def follow_parent(on_gone):
    """Stops the relay once the test process that started it is gone: a test run that
    crashed left it running, holding the runner's stderr (it inherits it), and `swift test`
    waited for that pipe's end for ever instead of reporting the crash."""
    parent = os.getppid()

    def watch():
        while os.getppid() == parent:
            time.sleep(0.5)
        on_gone()
        # A handler thread still in a request must not keep it alive (one orphan outlived SIGTERM so).
        time.sleep(2)
        os._exit(0)
    threading.Thread(target=watch, daemon=True).start()
