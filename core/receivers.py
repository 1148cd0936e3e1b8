"""Connecting an app's signal receivers from a table, once whatever how often it is asked."""


def connect(receivers):
    """Connect each (signal, receiver, sender); a second call connects nothing twice."""
    for signal, receiver, sender in receivers:
        uid = f"{receiver.__module__}.{receiver.__name__}:{sender._meta.label}"
        signal.connect(receiver, sender=sender, dispatch_uid=uid)
