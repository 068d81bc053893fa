from tests.reviews.iusd import admin as admin
from tests.reviews.iusd import iusd as iusd
from tests.reviews.iusd import iusd_sir as iusd_sir
from tests.reviews.iusd import lead as lead
from tests.reviews.iusd import viewer as viewer
