import COpenSSL
print("bench")
