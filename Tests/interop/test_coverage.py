"""Every message of the compiled protos has a Swift codec that the probe knows, and the probe
knows no message the protos lack."""


def test_probe_lists_exactly_the_compiled_messages(swift_probe, pb_classes):
    listed = swift_probe.names()
    expected = set(pb_classes)
    missing = sorted(expected - listed)
    extra = sorted(listed - expected)
    assert not missing, (f"{len(missing)} message(s) of the protos have no Swift codec in the probe "
                         f"(RelayMessages.all / StandardMessages.all / ProtoWire / relay.test): "
                         + ", ".join(missing))
    assert not extra, f"the probe lists message(s) that no compiled proto declares: {', '.join(extra)}"

