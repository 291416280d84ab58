

def f0(x):
    return x


def f1(x):
    return x


def f2(x):
    return x


def f3(x):
    return x


def f4(x):
    return x


def f5(x):
    return x


def f6(x):
    return x


def f7(x):
    return x


def f8(x):
    return x


def f9(x):
    return x


def f10(x):
    return x


def f11(x):
    return x


def f12(x):
    return x


def f13(x):
    return x


def f14(x):
    return x


def f15(x):
    return x


def f16(x):
    return x


def f17(x):
    return x


def f18(x):
    return x


def f19(x):
    return x


def f20(x):
    return x


def f21(x):
    return x


def f22(x):
    return x


def f23(x):
    return x


def f24(x):
    return x


def f25(x):
    return x


def f26(x):
    return x


def f27(x):
    return x


def f28(x):
    return x


def f29(x):
    return x


def f30(x):
    return x


def f31(x):
    return x


def f32(x):
    return x


def f33(x):
    return x


def f34(x):
    return x


def f35(x):
    return x


def f36(x):
    return x


def f37(x):
    return x


def f38(x):
    return x


def f39(x):
    return x


def f40(x):
    return x


def f41(x):
    return x


def f42(x):
    return x


def f43(x):
    return x


def f44(x):
    return x


def f45(x):
    return x


def f46(x):
    return x


def f47(x):
    return x


def f48(x):
    return x


def f49(x):
    return x


def f50(x):
    return x


def f51(x):
    return x


def f52(x):
    return x


def f53(x):
    return x


def f54(x):
    return x


def f55(x):
    return x


def f56(x):
    return x


def f57(x):
    return x


def f58(x):
    return x


def f59(x):
    return x


def f60(x):
    return x


def f61(x):
    return x


def f62(x):
    return x


def f63(x):
    return x


def f64(x):
    return x


def f65(x):
    return x


def f66(x):
    return x


def f67(x):
    return x


def f68(x):
    return x


def f69(x):
    return x


def f70(x):
    return x


def f71(x):
    return x


def f72(x):
    return x


def f73(x):
    return x


def f74(x):
    return x


def f75(x):
    return x


def f76(x):
    return x


def f77(x):
    return x


def f78(x):
    return x


def f79(x):
    return x


def f80(x):
    return x


def f81(x):
    return x


def f82(x):
    return x


def f83(x):
    return x


def f84(x):
    return x


def f85(x):
    return x


def f86(x):
    return x


def f87(x):
    return x


def f88(x):
    return x


def f89(x):
    return x


def f90(x):
    return x


def f91(x):
    return x


def f92(x):
    return x


def f93(x):
    return x


def f94(x):
    return x


def f95(x):
    return x


def f96(x):
    return x


def f97(x):
    return x


def f98(x):
    return x


def f99(x):
    return x


def f100(x):
    return x


def f101(x):
    return x


def f102(x):
    return x


def f103(x):
    return x


def f104(x):
    return x


def f105(x):
    return x


def f106(x):
    return x


def f107(x):
    return x


def f108(x):
    return x


def f109(x):
    return x


def f110(x):
    return x


def f111(x):
    return x


def f112(x):
    return x


def f113(x):
    return x


def f114(x):
    return x


def f115(x):
    return x


def f116(x):
    return x


def f117(x):
    return x


def f118(x):
    return x


def f119(x):
    return x


def f120(x):
    return x


def f121(x):
    return x


def f122(x):
    return x


def f123(x):
    return x


def f124(x):
    return x


def f125(x):
    return x


def f126(x):
    return x


def f127(x):
    return x


def f128(x):
    return x


def f129(x):
    return x


def f130(x):
    return x


def f131(x):
    return x


def f132(x):
    return x


def f133(x):
    return x


def f134(x):
    return x


def f135(x):
    return x


def f136(x):
    return x


def f137(x):
    return x


def f138(x):
    return x


def f139(x):
    return x


def f140(x):
    return x


def f141(x):
    return x


def f142(x):
    return x


def f143(x):
    return x


def f144(x):
    return x


def f145(x):
    return x


def f146(x):
    return x


def f147(x):
    return x


def f148(x):
    return x


def f149(x):
    return x


def f150(x):
    return x


def f151(x):
    return x


def f152(x):
    return x


def f153(x):
    return x


def f154(x):
    return x


def f155(x):
    return x


def f156(x):
    return x


def f157(x):
    return x


def f158(x):
    return x


def f159(x):
    return x


def f160(x):
    return x


def f161(x):
    return x


def f162(x):
    return x


def f163(x):
    return x


def f164(x):
    return x


def f165(x):
    return x


def f166(x):
    return x


def f167(x):
    return x


def f168(x):
    return x


def f169(x):
    return x


def f170(x):
    return x


def f171(x):
    return x


def f172(x):
    return x


def f173(x):
    return x


def f174(x):
    return x


def f175(x):
    return x


def f176(x):
    return x


def f177(x):
    return x


def f178(x):
    return x


def f179(x):
    return x


def f180(x):
    return x


def f181(x):
    return x


def f182(x):
    return x


def f183(x):
    return x


def f184(x):
    return x


def f185(x):
    return x


def f186(x):
    return x


def f187(x):
    return x


def f188(x):
    return x


def f189(x):
    return x


def f190(x):
    return x


def f191(x):
    return x


def f192(x):
    return x


def f193(x):
    return x


def f194(x):
    return x


def f195(x):
    return x


def f196(x):
    return x


def f197(x):
    return x


def f198(x):
    return x


def f199(x):
    return x


def f200(x):
    return x


def f201(x):
    return x


def f202(x):
    return x


def f203(x):
    return x


def f204(x):
    return x


def f205(x):
    return x


def f206(x):
    return x


def f207(x):
    return x


def f208(x):
    return x


def f209(x):
    return x


def f210(x):
    return x


def f211(x):
    return x


def f212(x):
    return x


def f213(x):
    return x


def f214(x):
    return x


def f215(x):
    return x


def f216(x):
    return x


def f217(x):
    return x


def f218(x):
    return x


def f219(x):
    return x


def f220(x):
    return x


def f221(x):
    return x


def f222(x):
    return x


def f223(x):
    return x


def f224(x):
    return x


def f225(x):
    return x


def f226(x):
    return x


def f227(x):
    return x


def f228(x):
    return x


def f229(x):
    return x


def f230(x):
    return x


def f231(x):
    return x


def f232(x):
    return x


def f233(x):
    return x


def f234(x):
    return x


def f235(x):
    return x


def f236(x):
    return x


def f237(x):
    return x


def f238(x):
    return x


def f239(x):
    return x


def f240(x):
    return x


def f241(x):
    return x


def f242(x):
    return x


def f243(x):
    return x


def f244(x):
    return x


def f245(x):
    return x


def f246(x):
    return x


def f247(x):
    return x


def f248(x):
    return x


def f249(x):
    return x


def f250(x):
    return x


def f251(x):
    return x


def f252(x):
    return x


def f253(x):
    return x


def f254(x):
    return x


def f255(x):
    return x


def f256(x):
    return x


def f257(x):
    return x


def f258(x):
    return x


def f259(x):
    return x


def f260(x):
    return x


def f261(x):
    return x


def f262(x):
    return x


def f263(x):
    return x


def f264(x):
    return x


def f265(x):
    return x


def f266(x):
    return x


def f267(x):
    return x


def f268(x):
    return x


def f269(x):
    return x


def f270(x):
    return x


def f271(x):
    return x


def f272(x):
    return x


def f273(x):
    return x


def f274(x):
    return x


def f275(x):
    return x


def f276(x):
    return x


def f277(x):
    return x


def f278(x):
    return x


def f279(x):
    return x


def f280(x):
    return x


def f281(x):
    return x


def f282(x):
    return x


def f283(x):
    return x


def f284(x):
    return x


def f285(x):
    return x


def f286(x):
    return x


def f287(x):
    return x


def f288(x):
    return x


def f289(x):
    return x


def f290(x):
    return x


def f291(x):
    return x


def f292(x):
    return x


def f293(x):
    return x


def f294(x):
    return x


def f295(x):
    return x


def f296(x):
    return x


def f297(x):
    return x


def f298(x):
    return x


def f299(x):
    return x


def f300(x):
    return x


def f301(x):
    return x


def f302(x):
    return x


def f303(x):
    return x


def f304(x):
    return x


def f305(x):
    return x


def f306(x):
    return x


def f307(x):
    return x


def f308(x):
    return x


def f309(x):
    return x


def f310(x):
    return x


def f311(x):
    return x


def f312(x):
    return x


def f313(x):
    return x


def f314(x):
    return x


def f315(x):
    return x


def f316(x):
    return x


def f317(x):
    return x


def f318(x):
    return x


def f319(x):
    return x


def f320(x):
    return x


def f321(x):
    return x


def f322(x):
    return x


def f323(x):
    return x


def f324(x):
    return x


def f325(x):
    return x


def f326(x):
    return x


def f327(x):
    return x


def f328(x):
    return x


def f329(x):
    return x


def f330(x):
    return x


def f331(x):
    return x


def f332(x):
    return x


def f333(x):
    return x


def f334(x):
    return x


def f335(x):
    return x


def f336(x):
    return x


def f337(x):
    return x


def f338(x):
    return x


def f339(x):
    return x


def f340(x):
    return x


def f341(x):
    return x


def f342(x):
    return x


def f343(x):
    return x


def f344(x):
    return x


def f345(x):
    return x


def f346(x):
    return x


def f347(x):
    return x


def f348(x):
    return x


def f349(x):
    return x


def f350(x):
    return x


def f351(x):
    return x


def f352(x):
    return x


def f353(x):
    return x


def f354(x):
    return x


def f355(x):
    return x


def f356(x):
    return x


def f357(x):
    return x


def f358(x):
    return x


def f359(x):
    return x


def f360(x):
    return x


def f361(x):
    return x


def f362(x):
    return x


def f363(x):
    return x


def f364(x):
    return x


def f365(x):
    return x


def f366(x):
    return x


def f367(x):
    return x


def f368(x):
    return x


def f369(x):
    return x


def f370(x):
    return x


def f371(x):
    return x


def f372(x):
    return x


def f373(x):
    return x


def f374(x):
    return x


def f375(x):
    return x


def f376(x):
    return x


def f377(x):
    return x


def f378(x):
    return x


def f379(x):
    return x


def f380(x):
    return x


def f381(x):
    return x


def f382(x):
    return x


def f383(x):
    return x


def f384(x):
    return x


def f385(x):
    return x


def f386(x):
    return x


def f387(x):
    return x


def f388(x):
    return x


def f389(x):
    return x


def f390(x):
    return x


def f391(x):
    return x


def f392(x):
    return x


def f393(x):
    return x


def f394(x):
    return x


def f395(x):
    return x


def f396(x):
    return x


def f397(x):
    return x


def f398(x):
    return x


def f399(x):
    return x


def g(xs):
    try:
        pass
    except:
        pass
    except ValueError:
        pass
    for x in xs:
        if x in seen:
            print(x)
