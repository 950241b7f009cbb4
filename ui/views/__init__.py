"""The app's pages: Streamlit runs each file as a script (see ui/app.py). Not named
`pages/`: Streamlit would then also serve every file on its own, without ui/app.py."""
