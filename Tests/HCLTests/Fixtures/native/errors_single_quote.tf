a = 'nope'
