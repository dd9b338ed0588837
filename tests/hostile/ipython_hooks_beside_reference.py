"""Threat: IPython hooks installed before the answers: an input transformer that appends
``raise SystemExit`` to every later cell, an AST transformer, a custom exception handler
that swallows everything and pre/post-run-cell events that raise.

Placed right after the imports cell of the reference solution. Every later cell still
defines its function before it exits, cell errors are recorded without stopping the run,
and hidden tests call the functions directly (no cell, no transformer), so the honest
code gets exactly full marks.
"""
PLACEMENT = "reference"
POSITION = "first"
EXPECTED = "full"
SOURCE = r'''
import ast

ip = get_ipython()
ip.input_transformers_cleanup.append(lambda lines: lines + ["\n", "raise SystemExit('hijacked by a transformer')\n"])

class Renamer(ast.NodeTransformer):
    def visit_Constant(self, node):
        return node

ip.ast_transformers.append(Renamer())

def _swallow(shell, etype, evalue, tb, tb_offset=None):
    return None

ip.set_custom_exc((Exception,), _swallow)

def _raise(*args):
    raise RuntimeError("event hook")

ip.events.register("pre_run_cell", _raise)
ip.events.register("post_run_cell", _raise)
'''
