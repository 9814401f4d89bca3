import SitrepCore
