# The certplane Python quickstart as a Pulumi Python program: `pulumi up` in this folder, with a
# normal Pulumi install (its Python language host makes ./venv from requirements.txt) and
# pulumi-resource-certplane on PATH. inline.py runs the same program through the Automation API.
from quickstart import program

program()
