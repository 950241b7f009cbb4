"""The samverkan Streamlit app: `samverkan ui` (or `streamlit run ui/app.py`).

Pages (ui/views/*.py, in Swedish): Nätverk, Vem medfinansierar vad, Aktör,
Finansieringsflöden, Jämför, Cypher, Källor. The sidebar's region and year choose the reports
every page shows (ui/common.py, report_selector). The store is the one the command line uses
(SAMVERKAN_BACKEND / NEO4J_URI / SAMVERKAN_STORE); see ui/common.py.
"""
import streamlit as st

st.set_page_config(page_title="Samverkan", page_icon=":material/hub:", layout="wide",
                   initial_sidebar_state="expanded")

from samverkan.ui import common  # noqa: E402  (after set_page_config)

NETWORK = st.Page("views/natverk.py", title="Nätverk", icon=":material/hub:", url_path="natverk")


def _start() -> None:
    """The app's own address opens the network at its address, /natverk (query string kept):
    the default page of st.navigation is served at "/" only, so without this a link to
    /natverk would be "Page not found" and the network's view could not live in its URL."""
    st.switch_page(NETWORK, query_params=dict(st.query_params))


PAGES = [
    st.Page(_start, title="Start", url_path="start", default=True, visibility="hidden"),
    NETWORK,
    st.Page("views/medfinansiering.py", title="Vem medfinansierar vad", icon=":material/handshake:", url_path="medfinansiering"),
    st.Page("views/aktor.py", title="Aktör", icon=":material/apartment:", url_path="aktor"),
    st.Page("views/floden.py", title="Finansieringsflöden", icon=":material/account_tree:", url_path="floden"),
    st.Page("views/jamfor.py", title="Jämför", icon=":material/compare_arrows:", url_path="jamfor"),
    st.Page("views/cypher.py", title="Cypher", icon=":material/terminal:", url_path="cypher"),
    st.Page("views/kallor.py", title="Källor", icon=":material/description:", url_path="kallor"),
    st.Page("views/granska.py", title="Granska", icon=":material/fact_check:", url_path="granska"),
]

page = st.navigation(PAGES)
common.report_selector(st.sidebar.container())  # region and year: every page shows these reports
store_info = st.sidebar.container()  # filled after the page ran, so it shows what the page changed
try:
    page.run()
finally:
    common.sidebar(store_info)
