"""
Fake `unreal` module for Rushes' tests (never shipped). Exposes exactly the classes that
_unreal_impl.py implements, minus those the test hid to play a disabled plugin; anything else raises
AttributeError, as the real module does for a name it does not have.
"""
import _unreal_impl as _impl


def __getattr__(name):
    return _impl.export(name)
