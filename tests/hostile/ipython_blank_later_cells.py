"""Threat: IPython input transformers that blank every later cell (in a notebook-executing
grader this deletes the hidden-test cells, so nothing can fail), plus
``get_ipython().set_custom_exc`` swallowing every exception and a ``post_run_cell`` hook
that clears the error.

Placed right after the imports cell of the stub. Hidden tests here are not cells: they
call functions from the trusted process, so the blanked notebook simply defines nothing
and scores 0.
"""
PLACEMENT = "stub"
POSITION = "first"
EXPECTED = 0
SOURCE = r'''
ip = get_ipython()
ip.input_transformers_cleanup.append(lambda lines: [])
ip.input_transformers_post.append(lambda lines: [])

def _swallow(shell, etype, evalue, tb, tb_offset=None):
    return None

ip.set_custom_exc((BaseException,), _swallow)

def _clear(result):
    result.error_in_exec = None
    result.error_before_exec = None

ip.events.register("post_run_cell", _clear)
'''
