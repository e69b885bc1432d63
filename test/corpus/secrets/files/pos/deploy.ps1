# PowerShell variables are assignments too
$Token = "NxhM9S8v6qCtH9YqxKZ2v2Uh2tfM5DhQ"
$ClientSecret = 'Dmdn7fCBsPPJZgA0nONUKMcjMfQWSEmudu6xh5Hd'
