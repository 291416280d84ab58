s = 'ÿþ not utf-8'
