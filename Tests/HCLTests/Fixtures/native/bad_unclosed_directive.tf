x = "%{ if true }y"
b = 2
