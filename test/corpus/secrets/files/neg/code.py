import os
API_KEY = os.environ["ANTHROPIC_API_KEY"]
SECRET_KEY = os.getenv("SECRET_KEY", "")
token = request.headers["Authorization"]
password_hash = "$2b$12$KIXQJ0f8c1Yt0m3uZ8xGQe"
commit = "3f786850e387550fdab836ed7e6dc881de23001b"
