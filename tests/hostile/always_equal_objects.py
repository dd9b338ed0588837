"""Threat: graded functions return an object that compares equal to anything, answers any
attribute with itself and is truthy, so that ``result == expected`` or ``assert result``
style checks pass.

Every graded name is bound to such an object (it is also callable and returns itself).
The worker can only send plain data back; the object becomes an opaque description and
every test fails.
"""
PLACEMENT = "stub"
EXPECTED = 0
SOURCE = r'''
class AlwaysEqual:
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    __lt__ = __le__ = __gt__ = __ge__ = __eq__

    def __hash__(self):
        return 0

    def __bool__(self):
        return True

    def __float__(self):
        return 1.0

    def __int__(self):
        return 1

    def __index__(self):
        return 1

    def __len__(self):
        return 1

    def __iter__(self):
        return iter([self])

    def __getitem__(self, key):
        return self

    def __getattr__(self, name):
        return self

    def __call__(self, *args, **kwargs):
        return self

    def __repr__(self):
        return "passed"

for _name in @@FUNCTIONS@@:
    globals()[_name] = AlwaysEqual()
'''
