print("followupctl")
