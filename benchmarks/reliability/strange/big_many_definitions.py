

@decorator(0)
def f0(x):
    return sum([x], [])


@decorator(1)
def f1(x):
    return sum([x], [])


@decorator(2)
def f2(x):
    return sum([x], [])


@decorator(3)
def f3(x):
    return sum([x], [])


@decorator(4)
def f4(x):
    return sum([x], [])


@decorator(5)
def f5(x):
    return sum([x], [])


@decorator(6)
def f6(x):
    return sum([x], [])


@decorator(7)
def f7(x):
    return sum([x], [])


@decorator(8)
def f8(x):
    return sum([x], [])


@decorator(9)
def f9(x):
    return sum([x], [])


@decorator(10)
def f10(x):
    return sum([x], [])


@decorator(11)
def f11(x):
    return sum([x], [])


@decorator(12)
def f12(x):
    return sum([x], [])


@decorator(13)
def f13(x):
    return sum([x], [])


@decorator(14)
def f14(x):
    return sum([x], [])


@decorator(15)
def f15(x):
    return sum([x], [])


@decorator(16)
def f16(x):
    return sum([x], [])


@decorator(17)
def f17(x):
    return sum([x], [])


@decorator(18)
def f18(x):
    return sum([x], [])


@decorator(19)
def f19(x):
    return sum([x], [])


@decorator(20)
def f20(x):
    return sum([x], [])


@decorator(21)
def f21(x):
    return sum([x], [])


@decorator(22)
def f22(x):
    return sum([x], [])


@decorator(23)
def f23(x):
    return sum([x], [])


@decorator(24)
def f24(x):
    return sum([x], [])


@decorator(25)
def f25(x):
    return sum([x], [])


@decorator(26)
def f26(x):
    return sum([x], [])


@decorator(27)
def f27(x):
    return sum([x], [])


@decorator(28)
def f28(x):
    return sum([x], [])


@decorator(29)
def f29(x):
    return sum([x], [])


@decorator(30)
def f30(x):
    return sum([x], [])


@decorator(31)
def f31(x):
    return sum([x], [])


@decorator(32)
def f32(x):
    return sum([x], [])


@decorator(33)
def f33(x):
    return sum([x], [])


@decorator(34)
def f34(x):
    return sum([x], [])


@decorator(35)
def f35(x):
    return sum([x], [])


@decorator(36)
def f36(x):
    return sum([x], [])


@decorator(37)
def f37(x):
    return sum([x], [])


@decorator(38)
def f38(x):
    return sum([x], [])


@decorator(39)
def f39(x):
    return sum([x], [])


@decorator(40)
def f40(x):
    return sum([x], [])


@decorator(41)
def f41(x):
    return sum([x], [])


@decorator(42)
def f42(x):
    return sum([x], [])


@decorator(43)
def f43(x):
    return sum([x], [])


@decorator(44)
def f44(x):
    return sum([x], [])


@decorator(45)
def f45(x):
    return sum([x], [])


@decorator(46)
def f46(x):
    return sum([x], [])


@decorator(47)
def f47(x):
    return sum([x], [])


@decorator(48)
def f48(x):
    return sum([x], [])


@decorator(49)
def f49(x):
    return sum([x], [])


@decorator(50)
def f50(x):
    return sum([x], [])


@decorator(51)
def f51(x):
    return sum([x], [])


@decorator(52)
def f52(x):
    return sum([x], [])


@decorator(53)
def f53(x):
    return sum([x], [])


@decorator(54)
def f54(x):
    return sum([x], [])


@decorator(55)
def f55(x):
    return sum([x], [])


@decorator(56)
def f56(x):
    return sum([x], [])


@decorator(57)
def f57(x):
    return sum([x], [])


@decorator(58)
def f58(x):
    return sum([x], [])


@decorator(59)
def f59(x):
    return sum([x], [])


@decorator(60)
def f60(x):
    return sum([x], [])


@decorator(61)
def f61(x):
    return sum([x], [])


@decorator(62)
def f62(x):
    return sum([x], [])


@decorator(63)
def f63(x):
    return sum([x], [])


@decorator(64)
def f64(x):
    return sum([x], [])


@decorator(65)
def f65(x):
    return sum([x], [])


@decorator(66)
def f66(x):
    return sum([x], [])


@decorator(67)
def f67(x):
    return sum([x], [])


@decorator(68)
def f68(x):
    return sum([x], [])


@decorator(69)
def f69(x):
    return sum([x], [])


@decorator(70)
def f70(x):
    return sum([x], [])


@decorator(71)
def f71(x):
    return sum([x], [])


@decorator(72)
def f72(x):
    return sum([x], [])


@decorator(73)
def f73(x):
    return sum([x], [])


@decorator(74)
def f74(x):
    return sum([x], [])


@decorator(75)
def f75(x):
    return sum([x], [])


@decorator(76)
def f76(x):
    return sum([x], [])


@decorator(77)
def f77(x):
    return sum([x], [])


@decorator(78)
def f78(x):
    return sum([x], [])


@decorator(79)
def f79(x):
    return sum([x], [])


@decorator(80)
def f80(x):
    return sum([x], [])


@decorator(81)
def f81(x):
    return sum([x], [])


@decorator(82)
def f82(x):
    return sum([x], [])


@decorator(83)
def f83(x):
    return sum([x], [])


@decorator(84)
def f84(x):
    return sum([x], [])


@decorator(85)
def f85(x):
    return sum([x], [])


@decorator(86)
def f86(x):
    return sum([x], [])


@decorator(87)
def f87(x):
    return sum([x], [])


@decorator(88)
def f88(x):
    return sum([x], [])


@decorator(89)
def f89(x):
    return sum([x], [])


@decorator(90)
def f90(x):
    return sum([x], [])


@decorator(91)
def f91(x):
    return sum([x], [])


@decorator(92)
def f92(x):
    return sum([x], [])


@decorator(93)
def f93(x):
    return sum([x], [])


@decorator(94)
def f94(x):
    return sum([x], [])


@decorator(95)
def f95(x):
    return sum([x], [])


@decorator(96)
def f96(x):
    return sum([x], [])


@decorator(97)
def f97(x):
    return sum([x], [])


@decorator(98)
def f98(x):
    return sum([x], [])


@decorator(99)
def f99(x):
    return sum([x], [])


@decorator(100)
def f100(x):
    return sum([x], [])


@decorator(101)
def f101(x):
    return sum([x], [])


@decorator(102)
def f102(x):
    return sum([x], [])


@decorator(103)
def f103(x):
    return sum([x], [])


@decorator(104)
def f104(x):
    return sum([x], [])


@decorator(105)
def f105(x):
    return sum([x], [])


@decorator(106)
def f106(x):
    return sum([x], [])


@decorator(107)
def f107(x):
    return sum([x], [])


@decorator(108)
def f108(x):
    return sum([x], [])


@decorator(109)
def f109(x):
    return sum([x], [])


@decorator(110)
def f110(x):
    return sum([x], [])


@decorator(111)
def f111(x):
    return sum([x], [])


@decorator(112)
def f112(x):
    return sum([x], [])


@decorator(113)
def f113(x):
    return sum([x], [])


@decorator(114)
def f114(x):
    return sum([x], [])


@decorator(115)
def f115(x):
    return sum([x], [])


@decorator(116)
def f116(x):
    return sum([x], [])


@decorator(117)
def f117(x):
    return sum([x], [])


@decorator(118)
def f118(x):
    return sum([x], [])


@decorator(119)
def f119(x):
    return sum([x], [])


@decorator(120)
def f120(x):
    return sum([x], [])


@decorator(121)
def f121(x):
    return sum([x], [])


@decorator(122)
def f122(x):
    return sum([x], [])


@decorator(123)
def f123(x):
    return sum([x], [])


@decorator(124)
def f124(x):
    return sum([x], [])


@decorator(125)
def f125(x):
    return sum([x], [])


@decorator(126)
def f126(x):
    return sum([x], [])


@decorator(127)
def f127(x):
    return sum([x], [])


@decorator(128)
def f128(x):
    return sum([x], [])


@decorator(129)
def f129(x):
    return sum([x], [])


@decorator(130)
def f130(x):
    return sum([x], [])


@decorator(131)
def f131(x):
    return sum([x], [])


@decorator(132)
def f132(x):
    return sum([x], [])


@decorator(133)
def f133(x):
    return sum([x], [])


@decorator(134)
def f134(x):
    return sum([x], [])


@decorator(135)
def f135(x):
    return sum([x], [])


@decorator(136)
def f136(x):
    return sum([x], [])


@decorator(137)
def f137(x):
    return sum([x], [])


@decorator(138)
def f138(x):
    return sum([x], [])


@decorator(139)
def f139(x):
    return sum([x], [])


@decorator(140)
def f140(x):
    return sum([x], [])


@decorator(141)
def f141(x):
    return sum([x], [])


@decorator(142)
def f142(x):
    return sum([x], [])


@decorator(143)
def f143(x):
    return sum([x], [])


@decorator(144)
def f144(x):
    return sum([x], [])


@decorator(145)
def f145(x):
    return sum([x], [])


@decorator(146)
def f146(x):
    return sum([x], [])


@decorator(147)
def f147(x):
    return sum([x], [])


@decorator(148)
def f148(x):
    return sum([x], [])


@decorator(149)
def f149(x):
    return sum([x], [])


@decorator(150)
def f150(x):
    return sum([x], [])


@decorator(151)
def f151(x):
    return sum([x], [])


@decorator(152)
def f152(x):
    return sum([x], [])


@decorator(153)
def f153(x):
    return sum([x], [])


@decorator(154)
def f154(x):
    return sum([x], [])


@decorator(155)
def f155(x):
    return sum([x], [])


@decorator(156)
def f156(x):
    return sum([x], [])


@decorator(157)
def f157(x):
    return sum([x], [])


@decorator(158)
def f158(x):
    return sum([x], [])


@decorator(159)
def f159(x):
    return sum([x], [])


@decorator(160)
def f160(x):
    return sum([x], [])


@decorator(161)
def f161(x):
    return sum([x], [])


@decorator(162)
def f162(x):
    return sum([x], [])


@decorator(163)
def f163(x):
    return sum([x], [])


@decorator(164)
def f164(x):
    return sum([x], [])


@decorator(165)
def f165(x):
    return sum([x], [])


@decorator(166)
def f166(x):
    return sum([x], [])


@decorator(167)
def f167(x):
    return sum([x], [])


@decorator(168)
def f168(x):
    return sum([x], [])


@decorator(169)
def f169(x):
    return sum([x], [])


@decorator(170)
def f170(x):
    return sum([x], [])


@decorator(171)
def f171(x):
    return sum([x], [])


@decorator(172)
def f172(x):
    return sum([x], [])


@decorator(173)
def f173(x):
    return sum([x], [])


@decorator(174)
def f174(x):
    return sum([x], [])


@decorator(175)
def f175(x):
    return sum([x], [])


@decorator(176)
def f176(x):
    return sum([x], [])


@decorator(177)
def f177(x):
    return sum([x], [])


@decorator(178)
def f178(x):
    return sum([x], [])


@decorator(179)
def f179(x):
    return sum([x], [])


@decorator(180)
def f180(x):
    return sum([x], [])


@decorator(181)
def f181(x):
    return sum([x], [])


@decorator(182)
def f182(x):
    return sum([x], [])


@decorator(183)
def f183(x):
    return sum([x], [])


@decorator(184)
def f184(x):
    return sum([x], [])


@decorator(185)
def f185(x):
    return sum([x], [])


@decorator(186)
def f186(x):
    return sum([x], [])


@decorator(187)
def f187(x):
    return sum([x], [])


@decorator(188)
def f188(x):
    return sum([x], [])


@decorator(189)
def f189(x):
    return sum([x], [])


@decorator(190)
def f190(x):
    return sum([x], [])


@decorator(191)
def f191(x):
    return sum([x], [])


@decorator(192)
def f192(x):
    return sum([x], [])


@decorator(193)
def f193(x):
    return sum([x], [])


@decorator(194)
def f194(x):
    return sum([x], [])


@decorator(195)
def f195(x):
    return sum([x], [])


@decorator(196)
def f196(x):
    return sum([x], [])


@decorator(197)
def f197(x):
    return sum([x], [])


@decorator(198)
def f198(x):
    return sum([x], [])


@decorator(199)
def f199(x):
    return sum([x], [])


@decorator(200)
def f200(x):
    return sum([x], [])


@decorator(201)
def f201(x):
    return sum([x], [])


@decorator(202)
def f202(x):
    return sum([x], [])


@decorator(203)
def f203(x):
    return sum([x], [])


@decorator(204)
def f204(x):
    return sum([x], [])


@decorator(205)
def f205(x):
    return sum([x], [])


@decorator(206)
def f206(x):
    return sum([x], [])


@decorator(207)
def f207(x):
    return sum([x], [])


@decorator(208)
def f208(x):
    return sum([x], [])


@decorator(209)
def f209(x):
    return sum([x], [])


@decorator(210)
def f210(x):
    return sum([x], [])


@decorator(211)
def f211(x):
    return sum([x], [])


@decorator(212)
def f212(x):
    return sum([x], [])


@decorator(213)
def f213(x):
    return sum([x], [])


@decorator(214)
def f214(x):
    return sum([x], [])


@decorator(215)
def f215(x):
    return sum([x], [])


@decorator(216)
def f216(x):
    return sum([x], [])


@decorator(217)
def f217(x):
    return sum([x], [])


@decorator(218)
def f218(x):
    return sum([x], [])


@decorator(219)
def f219(x):
    return sum([x], [])


@decorator(220)
def f220(x):
    return sum([x], [])


@decorator(221)
def f221(x):
    return sum([x], [])


@decorator(222)
def f222(x):
    return sum([x], [])


@decorator(223)
def f223(x):
    return sum([x], [])


@decorator(224)
def f224(x):
    return sum([x], [])


@decorator(225)
def f225(x):
    return sum([x], [])


@decorator(226)
def f226(x):
    return sum([x], [])


@decorator(227)
def f227(x):
    return sum([x], [])


@decorator(228)
def f228(x):
    return sum([x], [])


@decorator(229)
def f229(x):
    return sum([x], [])


@decorator(230)
def f230(x):
    return sum([x], [])


@decorator(231)
def f231(x):
    return sum([x], [])


@decorator(232)
def f232(x):
    return sum([x], [])


@decorator(233)
def f233(x):
    return sum([x], [])


@decorator(234)
def f234(x):
    return sum([x], [])


@decorator(235)
def f235(x):
    return sum([x], [])


@decorator(236)
def f236(x):
    return sum([x], [])


@decorator(237)
def f237(x):
    return sum([x], [])


@decorator(238)
def f238(x):
    return sum([x], [])


@decorator(239)
def f239(x):
    return sum([x], [])


@decorator(240)
def f240(x):
    return sum([x], [])


@decorator(241)
def f241(x):
    return sum([x], [])


@decorator(242)
def f242(x):
    return sum([x], [])


@decorator(243)
def f243(x):
    return sum([x], [])


@decorator(244)
def f244(x):
    return sum([x], [])


@decorator(245)
def f245(x):
    return sum([x], [])


@decorator(246)
def f246(x):
    return sum([x], [])


@decorator(247)
def f247(x):
    return sum([x], [])


@decorator(248)
def f248(x):
    return sum([x], [])


@decorator(249)
def f249(x):
    return sum([x], [])


@decorator(250)
def f250(x):
    return sum([x], [])


@decorator(251)
def f251(x):
    return sum([x], [])


@decorator(252)
def f252(x):
    return sum([x], [])


@decorator(253)
def f253(x):
    return sum([x], [])


@decorator(254)
def f254(x):
    return sum([x], [])


@decorator(255)
def f255(x):
    return sum([x], [])


@decorator(256)
def f256(x):
    return sum([x], [])


@decorator(257)
def f257(x):
    return sum([x], [])


@decorator(258)
def f258(x):
    return sum([x], [])


@decorator(259)
def f259(x):
    return sum([x], [])


@decorator(260)
def f260(x):
    return sum([x], [])


@decorator(261)
def f261(x):
    return sum([x], [])


@decorator(262)
def f262(x):
    return sum([x], [])


@decorator(263)
def f263(x):
    return sum([x], [])


@decorator(264)
def f264(x):
    return sum([x], [])


@decorator(265)
def f265(x):
    return sum([x], [])


@decorator(266)
def f266(x):
    return sum([x], [])


@decorator(267)
def f267(x):
    return sum([x], [])


@decorator(268)
def f268(x):
    return sum([x], [])


@decorator(269)
def f269(x):
    return sum([x], [])


@decorator(270)
def f270(x):
    return sum([x], [])


@decorator(271)
def f271(x):
    return sum([x], [])


@decorator(272)
def f272(x):
    return sum([x], [])


@decorator(273)
def f273(x):
    return sum([x], [])


@decorator(274)
def f274(x):
    return sum([x], [])


@decorator(275)
def f275(x):
    return sum([x], [])


@decorator(276)
def f276(x):
    return sum([x], [])


@decorator(277)
def f277(x):
    return sum([x], [])


@decorator(278)
def f278(x):
    return sum([x], [])


@decorator(279)
def f279(x):
    return sum([x], [])


@decorator(280)
def f280(x):
    return sum([x], [])


@decorator(281)
def f281(x):
    return sum([x], [])


@decorator(282)
def f282(x):
    return sum([x], [])


@decorator(283)
def f283(x):
    return sum([x], [])


@decorator(284)
def f284(x):
    return sum([x], [])


@decorator(285)
def f285(x):
    return sum([x], [])


@decorator(286)
def f286(x):
    return sum([x], [])


@decorator(287)
def f287(x):
    return sum([x], [])


@decorator(288)
def f288(x):
    return sum([x], [])


@decorator(289)
def f289(x):
    return sum([x], [])


@decorator(290)
def f290(x):
    return sum([x], [])


@decorator(291)
def f291(x):
    return sum([x], [])


@decorator(292)
def f292(x):
    return sum([x], [])


@decorator(293)
def f293(x):
    return sum([x], [])


@decorator(294)
def f294(x):
    return sum([x], [])


@decorator(295)
def f295(x):
    return sum([x], [])


@decorator(296)
def f296(x):
    return sum([x], [])


@decorator(297)
def f297(x):
    return sum([x], [])


@decorator(298)
def f298(x):
    return sum([x], [])


@decorator(299)
def f299(x):
    return sum([x], [])


@decorator(300)
def f300(x):
    return sum([x], [])


@decorator(301)
def f301(x):
    return sum([x], [])


@decorator(302)
def f302(x):
    return sum([x], [])


@decorator(303)
def f303(x):
    return sum([x], [])


@decorator(304)
def f304(x):
    return sum([x], [])


@decorator(305)
def f305(x):
    return sum([x], [])


@decorator(306)
def f306(x):
    return sum([x], [])


@decorator(307)
def f307(x):
    return sum([x], [])


@decorator(308)
def f308(x):
    return sum([x], [])


@decorator(309)
def f309(x):
    return sum([x], [])


@decorator(310)
def f310(x):
    return sum([x], [])


@decorator(311)
def f311(x):
    return sum([x], [])


@decorator(312)
def f312(x):
    return sum([x], [])


@decorator(313)
def f313(x):
    return sum([x], [])


@decorator(314)
def f314(x):
    return sum([x], [])


@decorator(315)
def f315(x):
    return sum([x], [])


@decorator(316)
def f316(x):
    return sum([x], [])


@decorator(317)
def f317(x):
    return sum([x], [])


@decorator(318)
def f318(x):
    return sum([x], [])


@decorator(319)
def f319(x):
    return sum([x], [])


@decorator(320)
def f320(x):
    return sum([x], [])


@decorator(321)
def f321(x):
    return sum([x], [])


@decorator(322)
def f322(x):
    return sum([x], [])


@decorator(323)
def f323(x):
    return sum([x], [])


@decorator(324)
def f324(x):
    return sum([x], [])


@decorator(325)
def f325(x):
    return sum([x], [])


@decorator(326)
def f326(x):
    return sum([x], [])


@decorator(327)
def f327(x):
    return sum([x], [])


@decorator(328)
def f328(x):
    return sum([x], [])


@decorator(329)
def f329(x):
    return sum([x], [])


@decorator(330)
def f330(x):
    return sum([x], [])


@decorator(331)
def f331(x):
    return sum([x], [])


@decorator(332)
def f332(x):
    return sum([x], [])


@decorator(333)
def f333(x):
    return sum([x], [])


@decorator(334)
def f334(x):
    return sum([x], [])


@decorator(335)
def f335(x):
    return sum([x], [])


@decorator(336)
def f336(x):
    return sum([x], [])


@decorator(337)
def f337(x):
    return sum([x], [])


@decorator(338)
def f338(x):
    return sum([x], [])


@decorator(339)
def f339(x):
    return sum([x], [])


@decorator(340)
def f340(x):
    return sum([x], [])


@decorator(341)
def f341(x):
    return sum([x], [])


@decorator(342)
def f342(x):
    return sum([x], [])


@decorator(343)
def f343(x):
    return sum([x], [])


@decorator(344)
def f344(x):
    return sum([x], [])


@decorator(345)
def f345(x):
    return sum([x], [])


@decorator(346)
def f346(x):
    return sum([x], [])


@decorator(347)
def f347(x):
    return sum([x], [])


@decorator(348)
def f348(x):
    return sum([x], [])


@decorator(349)
def f349(x):
    return sum([x], [])


@decorator(350)
def f350(x):
    return sum([x], [])


@decorator(351)
def f351(x):
    return sum([x], [])


@decorator(352)
def f352(x):
    return sum([x], [])


@decorator(353)
def f353(x):
    return sum([x], [])


@decorator(354)
def f354(x):
    return sum([x], [])


@decorator(355)
def f355(x):
    return sum([x], [])


@decorator(356)
def f356(x):
    return sum([x], [])


@decorator(357)
def f357(x):
    return sum([x], [])


@decorator(358)
def f358(x):
    return sum([x], [])


@decorator(359)
def f359(x):
    return sum([x], [])


@decorator(360)
def f360(x):
    return sum([x], [])


@decorator(361)
def f361(x):
    return sum([x], [])


@decorator(362)
def f362(x):
    return sum([x], [])


@decorator(363)
def f363(x):
    return sum([x], [])


@decorator(364)
def f364(x):
    return sum([x], [])


@decorator(365)
def f365(x):
    return sum([x], [])


@decorator(366)
def f366(x):
    return sum([x], [])


@decorator(367)
def f367(x):
    return sum([x], [])


@decorator(368)
def f368(x):
    return sum([x], [])


@decorator(369)
def f369(x):
    return sum([x], [])


@decorator(370)
def f370(x):
    return sum([x], [])


@decorator(371)
def f371(x):
    return sum([x], [])


@decorator(372)
def f372(x):
    return sum([x], [])


@decorator(373)
def f373(x):
    return sum([x], [])


@decorator(374)
def f374(x):
    return sum([x], [])


@decorator(375)
def f375(x):
    return sum([x], [])


@decorator(376)
def f376(x):
    return sum([x], [])


@decorator(377)
def f377(x):
    return sum([x], [])


@decorator(378)
def f378(x):
    return sum([x], [])


@decorator(379)
def f379(x):
    return sum([x], [])


@decorator(380)
def f380(x):
    return sum([x], [])


@decorator(381)
def f381(x):
    return sum([x], [])


@decorator(382)
def f382(x):
    return sum([x], [])


@decorator(383)
def f383(x):
    return sum([x], [])


@decorator(384)
def f384(x):
    return sum([x], [])


@decorator(385)
def f385(x):
    return sum([x], [])


@decorator(386)
def f386(x):
    return sum([x], [])


@decorator(387)
def f387(x):
    return sum([x], [])


@decorator(388)
def f388(x):
    return sum([x], [])


@decorator(389)
def f389(x):
    return sum([x], [])


@decorator(390)
def f390(x):
    return sum([x], [])


@decorator(391)
def f391(x):
    return sum([x], [])


@decorator(392)
def f392(x):
    return sum([x], [])


@decorator(393)
def f393(x):
    return sum([x], [])


@decorator(394)
def f394(x):
    return sum([x], [])


@decorator(395)
def f395(x):
    return sum([x], [])


@decorator(396)
def f396(x):
    return sum([x], [])


@decorator(397)
def f397(x):
    return sum([x], [])


@decorator(398)
def f398(x):
    return sum([x], [])


@decorator(399)
def f399(x):
    return sum([x], [])
