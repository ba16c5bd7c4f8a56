print("followupd")
