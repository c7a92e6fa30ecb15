print("hookspec")
