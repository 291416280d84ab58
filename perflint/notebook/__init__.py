"""Jupyter notebooks: their code cells linted as one module (cells.py), IPython
syntax neutralised (magics.py), `.ipynb` files read and written back with only
the fixed cells' sources changed (reader.py, writer.py), and the CLI's one
entry point, process_notebook (process.py)."""
